using System.Globalization;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>Reads a sample out of <c>/metrics</c>' Prometheus text.</summary>
public static class PrometheusText
{
    /// <summary>The value of <paramref name="name"/> with exactly <paramref name="labels"/> (none when null); 0 when absent.</summary>
    public static double Sample(string metrics, string name, string? labels)
    {
        var prefix = labels is null ? name + " " : $"{name}{{{labels}}} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
