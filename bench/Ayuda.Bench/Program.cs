using Ayuda.Bench;

// dotnet run -c Release --project bench/Ayuda.Bench -- email-import --messages 10000 --imap-port 1143 --user u --password p
var command = args.FirstOrDefault() ?? "";
var options = BenchArgs.Parse(args.Skip(1).ToArray());
return command switch
{
    "email-import" => await EmailImportBench.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ayuda.Bench email-import --messages N --imap-host H --imap-port P --user U --password S [--smoke]");
    return 2;
}
