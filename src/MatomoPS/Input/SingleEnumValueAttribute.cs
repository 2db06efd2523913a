using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace MatomoPS
{
    /// <summary>
    /// Guards enum parameters against PowerShell's habit of combining a list of names bitwise (<c>-Period Week,Month</c>
    /// would become <c>Year</c>). On a one-valued parameter a list or a comma is refused; on a list parameter
    /// <c>'Visits,Actions'</c> becomes two values. Numbers must name a defined value.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SingleEnumValueAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _enum;

        public SingleEnumValueAttribute(Type enumType) => _enum = enumType;

        /// <summary>True for a parameter that takes several values, each checked on its own.</summary>
        public bool Many { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var values = new List<object?>();
            foreach (object? item in BoundValues.Items(inputData))
            {
                if (item is string text && text.IndexOf(',') >= 0)
                {
                    if (!Many) throw Refuse($"'{text}' holds several values");
                    foreach (string part in text.Split(',')) values.Add(part.Trim());
                }
                else values.Add(item);
            }
            if (!Many && values.Count != 1) throw Refuse($"{values.Count} values were given");
            foreach (object? value in values) CheckDefined(value);
            return Many ? values.ToArray() : values[0];
        }

        private void CheckDefined(object? value)
        {
            bool number = value is int || value is long || value is short || value is byte;
            if (number && !Enum.IsDefined(_enum, Convert.ChangeType(value, Enum.GetUnderlyingType(_enum), System.Globalization.CultureInfo.InvariantCulture)))
                throw new ArgumentTransformationMetadataException($"{value} is not one of the values: {Names}.");
            if (value != null && value.GetType() == _enum && !Enum.IsDefined(_enum, value))
                throw new ArgumentTransformationMetadataException($"{value} is not one of the values: {Names}.");
        }

        private Exception Refuse(string what) =>
            new ArgumentTransformationMetadataException($"Give one value ({what}); one of: {Names}. For several, run the command once per value.");

        private string Names => string.Join(", ", Enum.GetNames(_enum));
    }
}
