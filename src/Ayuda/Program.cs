using Ayuda;

var builder = WebApplication.CreateBuilder(args);
builder.AddAyuda(args);

var app = builder.Build();
app.MapAyuda();
app.Run();

/// <summary>Entry point; visible to the test host.</summary>
public partial class Program;
