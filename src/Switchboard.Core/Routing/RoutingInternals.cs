using System.Runtime.CompilerServices;

// The routing simulator drives the real planner and health code, which stay internal to the engine.
[assembly: InternalsVisibleTo("Switchboard.Simulator")]
