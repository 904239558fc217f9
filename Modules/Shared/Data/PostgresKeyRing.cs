using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// ASP.NET Core's key repository in <c>platform.data_protection_keys</c>, shared by every host. The framework calls it
/// rarely (start-up, a key ring refresh, a new key every 90 days), and synchronously: plain synchronous Npgsql calls.
/// </summary>
public sealed class PostgresKeyRing(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM platform.data_protection_keys ORDER BY created_at", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        // A key's name is its id: a key is written once, never changed (revocations are elements of their own).
        using var command = new NpgsqlCommand(
            "INSERT INTO platform.data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING", connection)
        {
            Parameters = { new() { Value = friendlyName }, new() { Value = element.ToString(SaveOptions.DisableFormatting) } },
        };
        command.ExecuteNonQuery();
    }
}
