using Tuner.Host.Cli;

return TunerCli.Invoke(args, Console.Out, Console.Error);
