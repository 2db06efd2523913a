using System;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The period of a series: Day, Week, Month or Year. Range (the whole range as one value) is refused when binding,
    /// with words that say where it belongs, before the ValidateRange behind it (which keeps Range out of Tab) would say
    /// "greater than the maximum allowed range".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SeriesPeriodAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is MatomoPeriod period && period == MatomoPeriod.Range)
                throw new ValidationMetadataException(
                    "A series has a value per Day, Week, Month or Year; -Period Range (the whole range as one value) is for Get-MatomoReport.");
        }
    }
}
