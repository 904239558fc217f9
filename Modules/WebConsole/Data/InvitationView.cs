using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>A person's latest invitation as <c>GET /api/gerant/invitations</c> lists it, said in French for the person's page.</summary>
internal sealed record InvitationView(string Status, string DeliveryStatus, string? DeliveryError, int DeliveryAttempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt)
{
    public static InvitationView From(JsonElement invitation) => new(
        invitation.GetProperty("status").GetString()!, invitation.GetProperty("delivery_status").GetString()!,
        invitation.GetProperty("delivery_error").GetString(), invitation.GetProperty("delivery_attempts").GetInt32(),
        Moment(invitation, "next_attempt_at"), Moment(invitation, "delivered_at"), Moment(invitation, "expires_at")!.Value, Moment(invitation, "used_at"));

    private static DateTimeOffset? Moment(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDateTimeOffset();

    /// <summary>What became of the invitation itself.</summary>
    public string StatusInFrench => Status switch
    {
        "accepted" => $"acceptée le {FrenchTime.Date(UsedAt)}",
        "expired" => $"expirée le {FrenchTime.Date(ExpiresAt)}",
        "void" => "remplacée par une invitation plus récente",
        _ => $"valable jusqu'au {FrenchTime.Date(ExpiresAt)}",
    };

    /// <summary>What became of its email: sent, retried (why, and when next), or given up.</summary>
    public string DeliveryInFrench => DeliveryStatus switch
    {
        "sent" => $"e-mail envoyé le {FrenchTime.Moment(DeliveredAt ?? ExpiresAt)}",
        "outbox" => "aucun serveur d'e-mail configuré : le lien est écrit dans le journal du serveur",
        "failed" => $"envoi abandonné après {Attempts} : {DeliveryError}. Renvoyez l'invitation une fois l'adresse corrigée.",
        _ when DeliveryAttempts == 0 => "e-mail en cours d'envoi",
        _ => $"échec de l'envoi ({Attempts} : {DeliveryError}) ; nouvel essai prévu le {(NextAttemptAt is { } next ? FrenchTime.Moment(next) : "—")}",
    };

    private string Attempts => DeliveryAttempts == 1 ? "1 essai" : $"{DeliveryAttempts} essais";
}
