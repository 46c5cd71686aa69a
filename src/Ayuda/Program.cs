using Ayuda;
using Ayuda.Features.Search;
using Ayuda.Infrastructure;

// The switches stay out of the configuration: a switch would otherwise take the setting after it as its value.
var builder = WebApplication.CreateBuilder(CommandLine.Settings(args));
builder.AddAyuda(args);

var app = builder.Build();
if (await app.RunSearchRebuildIfAskedAsync(args))
{
    return;
}
app.MapAyuda();
app.Run();

/// <summary>Entry point; visible to the test host.</summary>
public partial class Program;
