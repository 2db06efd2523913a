using System;
using System.Linq;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class SegmentTests
    {
        [Theory]
        [InlineData("pageUrl=@/de/", "pageUrl=@%2Fde%2F")]
        [InlineData("pageUrl=@/de/;browserCode==FF", "pageUrl=@%2Fde%2F;browserCode==FF")]
        [InlineData("pageUrl=@/{0}/wp-json/,pageUrl=@/api/", "pageUrl=@%2F%7B0%7D%2Fwp-json%2F,pageUrl=@%2Fapi%2F")]
        [InlineData("actions>=2", "actions>=2")]
        [InlineData("userId!=", "userId!=")]
        [InlineData("pageUrl=^https://a.example/x?y=1", "pageUrl=^https%3A%2F%2Fa.example%2Fx%3Fy%3D1")]
        public void Values_are_url_encoded_per_condition(string segment, string wire) =>
            Assert.Equal(wire, MatomoSegment.Encode(segment));

        [Theory]
        [InlineData("pageUrl=@%2Fde%2F")]
        [InlineData("pageUrl=@%252F")]
        [InlineData("pageUrl=@%2Fde%2F;browserCode==FF")]
        public void A_segment_that_is_already_encoded_is_left_alone(string segment) =>
            Assert.Equal(segment, MatomoSegment.Encode(segment));

        [Theory]
        [InlineData("pageUrl")]
        [InlineData("==de")]
        [InlineData("pageUrl=@/de/;")]
        [InlineData("page url==x")]
        public void A_condition_without_dimension_and_operator_is_refused(string segment)
        {
            var error = Assert.Throws<MatomoArgumentException>(() => MatomoSegment.Encode(segment));
            Assert.Contains("dimension operator value", error.Message);
        }

        [Theory]
        [InlineData("de")]
        [InlineData("a,b;c")]
        [InlineData("x&idSite=2")]
        [InlineData("50%")]
        [InlineData("line\nbreak")]
        [InlineData("#frag=1")]
        public void A_code_put_into_a_template_reaches_the_double_as_the_same_value(string code)
        {
            string wire = MatomoSegment.FromTemplate("pageUrl=@/{0}/,languageCode=={0}", code);
            var decoded = FakeSegment.Parse(wire);
            Assert.Equal(new[] { "/" + code + "/", code }, decoded.Values);
        }

        [Fact]
        public void A_template_without_a_placeholder_is_refused() =>
            Assert.Throws<MatomoArgumentException>(() => MatomoSegment.FromTemplate("pageUrl=@/de/", "de"));

        [Theory]
        [InlineData("pageUrl==https%253A%252F%252Fexample.org%252Fen%252F", "pageUrl==https://example.org/en/")]
        [InlineData("pageTitle==en%2Bhome", "pageTitle==en home")]
        [InlineData("referrerType==search", "referrerType==search")]
        [InlineData("pageUrl==https%253A%252F%252Fa.example%252Fx%252Ca%253Bb", "pageUrl==https%3A%2F%2Fa.example%2Fx%2Ca%3Bb")]
        [InlineData("pageUrl=^https%253A%252F%252Fa.example%252F100%252525", "pageUrl=^https://a.example/100%25")]
        [InlineData("", "")]
        public void A_rows_segment_reads_as_a_user_writes_it_and_goes_back_to_what_Matomo_decodes(string answer, string readable)
        {
            string written = MatomoSegment.FromAnswer(answer);
            Assert.Equal(readable, written);
            // What Matomo gets: the wire value decoded once by PHP and once more by Matomo, equal for the row's and the user's form.
            static string Decoded(string segment) => string.Join("|", segment.Split(';', ',').Select(c => System.Net.WebUtility.UrlDecode(c)));
            Assert.Equal(Decoded(System.Net.WebUtility.UrlDecode(answer)), Decoded(MatomoSegment.Encode(written)));
        }
    }
}
