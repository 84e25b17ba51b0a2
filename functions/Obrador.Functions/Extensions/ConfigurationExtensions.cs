namespace Obrador.Functions.Extensions;

/// <summary>Binding of the app's option records from configuration sections.</summary>
internal static class ConfigurationExtensions
{
    /// <summary>Binds section <paramref name="name"/> onto a new <typeparamref name="T"/> (defaults where unset).</summary>
    public static T Bind<T>(this IConfiguration configuration, string name)
        where T : new() => configuration.GetSection(name).Get<T>() ?? new T();
}
