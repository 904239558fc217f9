// The integration guide v1.2's "Workflow complet" (create a store, its manager, three sellers), then its sections 1–3
// (my-stores, my-stats, kpi/sync), written against the client generated from /openapi/v1.json with the guide's own
// payloads. `tsc --noEmit` must accept it as is: a field the document marks wrongly required, or types wrongly,
// fails ./test.
import { createClient } from '../generated/client/client/index.js';
import { coverage, createManager, createSeller, createStore, myStats, myStores, syncKpi } from '../generated/client/sdk.gen.js';

const api = createClient({
  baseUrl: 'https://retailperformerai.com',
  headers: { 'X-API-Key': 'rp_live_votre_cle_api_ici' },
});

export async function setupNewStore(): Promise<void> {
  // 1. Créer le magasin
  const storeResponse = await createStore({
    client: api,
    throwOnError: true,
    body: {
      name: 'Skyco Bordeaux',
      location: '33000 Bordeaux',
      address: '25 Rue Sainte-Catherine, 33000 Bordeaux',
      phone: '+33 5 56 00 00 00',
      external_id: 'STORE_BDX_001',
    },
  });
  const storeId: string = storeResponse.data.store_id;

  // 2. Créer le manager
  const managerResponse = await createManager({
    client: api,
    throwOnError: true,
    path: { store_id: storeId },
    body: {
      name: 'Marie Dubois',
      email: 'marie.dubois@example.com',
      phone: '+33 6 11 22 33 44',
      external_id: 'MGR_BDX_001',
      send_invitation: true,
    },
  });
  const managerId: string = managerResponse.data.manager_id;

  // 3. Créer plusieurs vendeurs
  const sellers = [
    { name: 'Thomas Thomas', email: 'thomas@example.com', external_id: 'SELLER_BDX_001' },
    { name: 'Camille Robert', email: 'camille@example.com', external_id: 'SELLER_BDX_002' },
    { name: 'Alexandre Petit', email: 'alex@example.com', external_id: 'SELLER_BDX_003' },
  ];
  for (const seller of sellers) {
    const sellerResponse = await createSeller({
      client: api,
      throwOnError: true,
      path: { store_id: storeId },
      body: { ...seller, manager_id: managerId, send_invitation: true },
    });
    console.log(`Vendeur créé: ${seller.name} (${sellerResponse.data.seller_id})`);
  }
}

export async function nightlySync(): Promise<void> {
  // Section 1: vos magasins, managers et vendeurs.
  const mine = await myStores({ client: api, throwOnError: true });
  for (const store of mine.data.stores) {
    const sellerIds: string[] = store.sellers.map((s) => s.id);
    console.log(store.store_name, store.managers_count, sellerIds.length);
  }

  // Section 3: les KPI journaliers (the guide's body).
  const synced = await syncKpi({
    client: api,
    throwOnError: true,
    body: {
      store_id: 'c2dd1ada-d0a2-4a90-be81-644b7cb78bc7',
      date: '2025-11-26',
      kpi_entries: [
        { seller_id: '2a1c816b-fd21-463a-8a8f-bfe98616aeba', ca_journalier: 1500.0, nb_ventes: 12, nb_articles: 24, prospects: 5 },
        { seller_id: '9d3b2f0e-41aa-4c51-8f0e-3c2b9a7d6e11', ca_journalier: 2300.0, nb_ventes: 18, nb_articles: 35, prospects: 8 },
      ],
      source: 'pos_system_v2',
    },
  });
  const written: number = synced.data.entries_created + synced.data.entries_updated;
  console.log(synced.data.message, written);

  // Did every active seller's day arrive? (what a nightly workflow checks before it reports success)
  const arrived = await coverage({ client: api, throwOnError: true, query: { start_date: '2025-11-26', end_date: '2025-11-26' } });
  if (!arrived.data.complete) {
    for (const store of arrived.data.stores)
      for (const day of store.days) console.log(store.store_name, day.date, day.missing_sellers.map((m) => m.name));
  }

  // Section 2: les statistiques.
  const stats = await myStats({ client: api, throwOnError: true, query: { start_date: '2025-11-01', end_date: '2025-11-30' } });
  const total: number = stats.data.total_all_stores.total_ca;
  const basket: number = stats.data.total_all_stores.average_basket;
  const rate: number | null = stats.data.total_all_stores.taux_transformation;
  console.log(total, basket, rate);
}
