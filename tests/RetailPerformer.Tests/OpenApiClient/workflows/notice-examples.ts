// Every request example of the v1.0 notice (the unversioned routes), with its own payloads, written against the
// client generated from /openapi/v1.json. `tsc --noEmit` must accept it as is.
import { createClient } from '../generated/client/client/index.js';
import {
  createManagerUnversioned, createSellerUnversioned, createStoreUnversioned, deleteStoreUnversioned, deleteUserUnversioned,
  listStoresUnversioned, syncKpiUnversioned, updateUserUnversioned,
} from '../generated/client/sdk.gen.js';

const api = createClient({
  baseUrl: 'https://api.retailperformerai.com',
  headers: { 'X-API-Key': 'sk_live_votre_cle_api_ici' },
});

export async function noticeExamples(): Promise<void> {
  // 1. GET /api/integrations/stores
  const stores = await listStoresUnversioned({ client: api, throwOnError: true });
  for (const store of stores.data.stores) console.log(store.id, store.name, store.active);

  // 2. POST /api/integrations/stores
  const store = await createStoreUnversioned({
    client: api,
    throwOnError: true,
    body: {
      name: 'Magasin Lyon Centre',
      location: '69001 Lyon',
      address: '456 Rue de la République',
      phone: '0123456789',
      opening_hours: '9h-19h du lundi au samedi',
      external_id: 'LYON-001',
    },
  });
  const storeId: string = store.data.store_id;

  // 3. POST /api/integrations/stores/{store_id}/managers
  const manager = await createManagerUnversioned({
    client: api,
    throwOnError: true,
    path: { store_id: storeId },
    body: { name: 'Jean Dupont', email: 'jean.dupont@example.com', phone: '0123456789', external_id: 'MANAGER-001', send_invitation: true },
  });
  const managerId: string = manager.data.manager_id;
  const invited: boolean | null = manager.data.manager.invitation_sent;

  // 4. POST /api/integrations/stores/{store_id}/sellers
  const seller = await createSellerUnversioned({
    client: api,
    throwOnError: true,
    path: { store_id: storeId },
    body: {
      name: 'Marie Martin',
      email: 'marie.martin@example.com',
      manager_id: managerId,
      phone: '0123456789',
      external_id: 'SELLER-001',
      send_invitation: true,
    },
  });

  // 5. PUT /api/integrations/users/{user_id}
  await updateUserUnversioned({
    client: api,
    throwOnError: true,
    path: { user_id: managerId },
    body: { name: 'Jean Dupont Modifié', phone: '0987654321', status: 'active', external_id: 'MANAGER-001-UPDATED' },
  });
  // A subset of the whitelist is a whole request.
  await updateUserUnversioned({ client: api, throwOnError: true, path: { user_id: managerId }, body: { phone: '0987654321' } });

  // 8. POST /api/integrations/kpi/sync
  const sync = await syncKpiUnversioned({
    client: api,
    throwOnError: true,
    body: {
      store_id: storeId,
      date: '2024-01-15',
      kpi_entries: [
        { seller_id: seller.data.seller_id, ca_journalier: 1250.5, nb_ventes: 12, nb_articles: 28, prospects: 35 },
        { seller_id: 'seller-789', ca_journalier: 980.25, nb_ventes: 8, nb_articles: 15, prospects: 20 },
      ],
      source: 'external_api',
    },
  });
  const created: number = sync.data.entries_created;

  // 7. DELETE /api/integrations/users/{user_id}, 6. DELETE /api/integrations/stores/{store_id}
  const deletedUser = await deleteUserUnversioned({ client: api, throwOnError: true, path: { user_id: seller.data.seller_id } });
  const deletedStore = await deleteStoreUnversioned({ client: api, throwOnError: true, path: { store_id: storeId } });
  console.log(invited, created, deletedUser.data.message, deletedStore.data.message);
}
