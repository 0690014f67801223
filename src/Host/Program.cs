using Tuner.Host.Cli;

Tuner.Actors.Engine.StartupTrace.Mark("main");
return TunerCli.Invoke(args, Console.Out, Console.Error);
