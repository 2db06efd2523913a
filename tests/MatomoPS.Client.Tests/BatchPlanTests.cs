using System.Linq;

namespace MatomoPS.Client.Tests
{
    /// <summary>How the series of one call are cut into requests: spread over the throttle limit first, capped by the batch size.</summary>
    public sealed class BatchPlanTests
    {
        [Theory]
        [InlineData(1, 4, 50, new[] { 1 })]
        [InlineData(4, 4, 50, new[] { 1, 1, 1, 1 })]
        [InlineData(5, 4, 50, new[] { 2, 1, 1, 1 })]
        [InlineData(31, 4, 50, new[] { 8, 8, 8, 7 })]
        [InlineData(120, 4, 50, new[] { 30, 30, 30, 30 })]
        [InlineData(121, 4, 50, new[] { 31, 30, 30, 30 })]
        [InlineData(31, 1, 50, new[] { 31 })]
        [InlineData(31, 8, 50, new[] { 4, 4, 4, 4, 4, 4, 4, 3 })]
        [InlineData(31, 4, 5, new[] { 5, 5, 5, 4, 4, 4, 4 })]
        [InlineData(120, 4, 20, new[] { 20, 20, 20, 20, 20, 20 })]
        [InlineData(120, 2, 50, new[] { 40, 40, 40 })]
        [InlineData(3, 4, 1, new[] { 1, 1, 1 })]
        [InlineData(0, 4, 50, new int[0])]
        public void Series_are_spread_over_the_throttle_limit_in_equal_sizes_none_over_the_batch_size(int series, int throttle, int batch, int[] sizes)
        {
            var plan = MatomoBatchPlan.Sizes(series, throttle, batch);

            Assert.Equal(sizes, plan);
            Assert.Equal(series, plan.Sum());
            Assert.All(plan, size => Assert.InRange(size, 1, batch));
        }
    }
}
