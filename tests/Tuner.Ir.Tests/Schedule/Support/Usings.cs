// The test namespace Tuner.Ir.Tests.Schedule hides the type Tuner.Ir.Schedule.Schedule; tests use this alias.
global using Sched = Tuner.Ir.Schedule.Schedule;
