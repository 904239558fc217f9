using System.Globalization;

namespace RetailPerformer.WebConsole.Data;

/// <summary>
/// Numbers as a French reader writes them ("1 500,00 €"). By hand: the host runs with invariant globalization, where
/// no fr-FR culture exists.
/// </summary>
internal static class FrenchNumber
{
    public static string Format(decimal value, int decimals) =>
        value.ToString("N" + decimals, CultureInfo.InvariantCulture).Replace(",", "\u202F").Replace(".", ",");

    public static string Euros(decimal value) => Format(value, 2) + "\u00A0€";
}
