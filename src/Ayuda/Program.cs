using Ayuda;
using Ayuda.Features.Search;

var builder = WebApplication.CreateBuilder(args);
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
