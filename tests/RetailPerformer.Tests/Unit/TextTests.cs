using RetailPerformer.Shared.Text;
using Shouldly;

namespace RetailPerformer.Tests.Unit;

public sealed class TextTests
{
    [Theory]
    [InlineData("plain café", "plain café")]
    [InlineData("two\nlines", "two\\u000alines")]
    [InlineData("cr\r\nlf", "cr\\u000d\\u000alf")]
    [InlineData("esc\u001b[31m", "esc\\u001b[31m")]
    [InlineData("nul\u0000", "nul\\u0000")]
    [InlineData(null, "")]
    public void User_text_reaches_a_log_line_with_its_control_characters_escaped(string? text, string logged) =>
        UserText.ForLog(text).ShouldBe(logged);

    [Theory]
    [InlineData("  Paris Nord  ", "Paris Nord")]
    [InlineData("\u200BParis\u200D Nord\uFEFF", "Paris Nord")]
    [InlineData("\u2060", "")]
    public void Canonical_text_has_no_invisible_characters_and_no_surrounding_spaces(string text, string canonical) =>
        UserText.Canonical(text).ShouldBe(canonical);

    [Fact]
    public void Blank_or_invisible_only_text_is_no_canonical_text() =>
        UserText.CanonicalOrNull(" \u200B ").ShouldBeNull();
}
