namespace RetailPerformer.Tests.Infrastructure;

/// <summary>Where this checkout is, from the test binaries.</summary>
public static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RetailPerformer.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RetailPerformer.sln not found above the test binaries");
    }
}
