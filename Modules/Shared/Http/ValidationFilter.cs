using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Shared.Http;

public static class ValidationFilter
{
    /// <summary>FluentValidation reports fields as they appear in JSON: <c>kpi_entries[0].nb_ventes</c>.</summary>
    public static void UseSnakeCasePropertyNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
    }

    /// <summary>
    /// Runs the <see cref="IValidator{T}"/> registered for the endpoint's <typeparamref name="TRequest"/>
    /// argument before the handler: 400 with every field error, and the handler never runs.
    /// </summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) where TRequest : class
    {
        builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            var index = Array.FindIndex(factoryContext.MethodInfo.GetParameters(), p => p.ParameterType == typeof(TRequest));
            if (index < 0)
                throw new InvalidOperationException($"{factoryContext.MethodInfo.Name} has no {typeof(TRequest).Name} parameter to validate");
            return async invocation =>
            {
                if (invocation.Arguments[index] is not TRequest request)
                    return Problems.BadRequest(ProblemMessages.RequestBodyRequired);
                var validator = invocation.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
                var result = await validator.ValidateAsync(request, invocation.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    var errors = result.Errors
                        .GroupBy(e => e.PropertyName)
                        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
                    return Problems.Validation(errors);
                }
                return await next(invocation);
            };
        });
        return builder.ProducesValidationProblem();
    }

    /// <summary>Registers every validator declared in <paramref name="assembly"/> (FluentValidation's DI package does not restore here).</summary>
    public static IServiceCollection AddValidatorsFrom(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var validated in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
                services.AddSingleton(validated, type);
        }
        return services;
    }
}
