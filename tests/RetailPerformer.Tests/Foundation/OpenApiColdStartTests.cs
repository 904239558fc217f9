using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class OpenApiColdStartTests(ColdApiFactory api) : IClassFixture<ColdApiFactory>
{
    /// <summary>The first documents a host generates are generated at once (a reference page and a client generator
    /// opened together): none fails, nor any after (a shared reflection cache corrupted by that race once made every
    /// later document a 500).</summary>
    [Fact]
    public async Task The_first_documents_generated_in_parallel_all_succeed_and_so_do_the_next()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => api.Client().GetAsync("/openapi/v1.json")));
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await api.Client().GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
