using Ayuda.Bench;

// dotnet run -c Release --project bench/Ayuda.Bench -- email-import --messages 10000 --imap-port 1143 --user u --password p
// dotnet run -c Release --project bench/Ayuda.Bench -- generate --provider sqlite --connection "Data Source=/tmp/desk/ayuda.db" --tickets 10000
// dotnet run -c Release --project bench/Ayuda.Bench -- load --url http://127.0.0.1:5080 --user jefa@ayuda.bench --password Bench-Ayuda-2026
var command = args.FirstOrDefault() ?? "";
var options = BenchArgs.Parse(args.Skip(1).ToArray());
return command switch
{
    "email-import" => await EmailImportBench.RunAsync(options),
    "generate" => await DeskGenerator.RunAsync(options),
    "load" => await LoadBench.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ayuda.Bench email-import --messages N --imap-host H --imap-port P --user U --password S [--smoke]");
    Console.Error.WriteLine("       Ayuda.Bench generate --provider sqlite|postgres --connection \"<conn string>\" --tickets N [--seed N] [--manifest FILE]");
    Console.Error.WriteLine("       Ayuda.Bench load --url URL --user EMAIL --password P [--manifest FILE] [--duration 20s] [--clients 4] [--smoke] [--ayuda-pid PID]");
    return 2;
}
