
namespace RetailPerformer.Users.Data;

/// <summary>Keeps the throttle tables small (a flood of random emails adds a row each); several hosts may run it at once.</summary>
internal sealed class SignInThrottleSweeper(SignInThrottle throttle, Microsoft.Extensions.Logging.ILogger<SignInThrottleSweeper> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await throttle.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, ex, "Could not sweep the sign-in throttle");
            }
        }
    }
}
