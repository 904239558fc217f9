using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.ApiReference;

/// <summary>
/// Makes every schema say what the wire carries, for a generated client to trust. What the framework derives
/// from our C# types is not that: request records are nullable throughout (so the validator can name a missing
/// field), strings pass through a converter (NUL refusal) that hides their type, and the web defaults read numbers
/// from strings too. Here: strings are strings, numbers are numbers; a request record (<see cref="RequestSchemaAttribute"/>)
/// requires only its <see cref="RequiredAttribute"/> properties; an answer's property is nullable only when its C#
/// type is; <see cref="ApiFormatAttribute"/> and <see cref="AllowedValuesAttribute"/> become <c>format</c> and <c>enum</c>.
/// </summary>
internal static class ContractSchemas
{
    public static void AddContractSchemas(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            ExactType(schema, context.JsonPropertyInfo?.PropertyType ?? context.JsonTypeInfo.Type);
            if (context.JsonPropertyInfo is { } property) DescribeProperty(schema, property);
            else if (context.JsonTypeInfo.Type.GetCustomAttribute<RequestSchemaAttribute>() is not null) RequireOnlyTheRequired(schema, context.JsonTypeInfo);
            else if (context.ParameterDescription is { } parameter) DescribeAttributes(schema, MemberOf(parameter), nullable: false);
            return Task.CompletedTask;
        });

        // A query parameter the contract requires (my-stats' dates) is required in the operation, where OpenAPI says it.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ListSort>().FirstOrDefault() is { } sort)
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    if (parameter.Schema is OpenApiSchema schema && parameter.Name is "sort" or "order")
                        schema.Enum = (parameter.Name == "sort" ? sort.Fields : ["asc", "desc"]).Select(f => (JsonNode)JsonValue.Create(f)).ToList();
            foreach (var description in context.Description.ParameterDescriptions)
            {
                var declared = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name);
                if (declared is null) continue;
                if (MemberOf(description)?.GetCustomAttribute<RequiredAttribute>() is not null) declared.Required = true;
                // Every path parameter of this API is an id (store_id, user_id, a key's id), read as text so that a
                // malformed one is the same 404 as an unknown one.
                if (declared.In == ParameterLocation.Path && declared.Schema is OpenApiSchema pathSchema)
                {
                    pathSchema.Type = JsonSchemaType.String;
                    pathSchema.Format = ApiFormatAttribute.Uuid;
                }
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The JSON type of a CLR type, without the converter's blank or the lenient reader's "or a string".</summary>
    private static void ExactType(OpenApiSchema schema, Type type)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        if (clr == typeof(string))
        {
            schema.Type = JsonSchemaType.String | (schema.Type ?? 0) & JsonSchemaType.Null;
        }
        else if (schema.Type is { } flags && (flags.HasFlag(JsonSchemaType.Integer) || flags.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = flags & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        else if (ElementType(clr) == typeof(string))
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
    }

    private static void DescribeProperty(OpenApiSchema schema, JsonPropertyInfo property)
    {
        var member = property.AttributeProvider as MemberInfo;
        bool nullable;
        if (property.DeclaringType.GetCustomAttribute<RequestSchemaAttribute>() is not null)
            nullable = member?.GetCustomAttribute<RequiredAttribute>() is null;   // optional: null stands for absent
        else
            // A context per call: NullabilityInfoContext caches without locking, and two documents generated at once
            // (the first requests after a start) corrupted a shared one for good.
            nullable = member is PropertyInfo info && new NullabilityInfoContext().Create(info).ReadState == NullabilityState.Nullable;
        DescribeAttributes(schema, member, nullable);
    }

    private static void DescribeAttributes(OpenApiSchema schema, MemberInfo? member, bool nullable)
    {
        if (member?.GetCustomAttribute<ApiFormatAttribute>() is { } format) schema.Format = format.Format;
        var allowed = member?.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is not null)
        {
            var values = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v!.ToString())!).ToList();
            if (schema.Items is OpenApiSchema items) items.Enum = values;
            else schema.Enum = values;
            nullable = false;   // an enum value or nothing: null is never one of them
        }
        if (schema.Type is not { } type) return;   // a reference to another schema: its own rules apply
        schema.Type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
    }

    private static void RequireOnlyTheRequired(OpenApiSchema schema, JsonTypeInfo type)
    {
        schema.Required = type.Properties
            .Where(p => (p.AttributeProvider as MemberInfo)?.GetCustomAttribute<RequiredAttribute>() is not null)
            .Select(p => p.Name)
            .ToHashSet();
        if (type.Type.GetCustomAttribute<RequiresOneOfAttribute>() is { } oneOf)
            schema.AnyOf = oneOf.Properties.Select(p => (IOpenApiSchema)new OpenApiSchema { Required = new HashSet<string> { p } }).ToList();
    }

    private static MemberInfo? MemberOf(ApiParameterDescription parameter) => parameter.ParameterDescriptor switch
    {
        IParameterInfoParameterDescriptor { ParameterInfo: var info } => info.Member is ConstructorInfo or MethodInfo ? null : info.Member,
        _ => parameter.ModelMetadata?.ContainerType?.GetProperty(parameter.ModelMetadata.PropertyName ?? ""),
    };

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
