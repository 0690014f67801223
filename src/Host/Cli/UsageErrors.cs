using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Tuner.Host.Cli;

/// <summary>
/// System.CommandLine's parse errors in our words: an unknown command is one line with the closest command, an
/// unknown option names the closest option of its command, and a value that does not convert says what was
/// expected ("a whole number") instead of a .NET type name.
/// </summary>
internal static partial class UsageErrors
{
    public static IReadOnlyList<string> Describe(ParseResult parse, string[] args)
    {
        var command = parse.CommandResult.Command;
        var help = command.Parents.Any() ? $"see 'tuner {command.Name} --help'" : "see 'tuner --help'";
        if (command is RootCommand root)
        {
            // Without a known command every other error follows from that one.
            var first = args.FirstOrDefault(a => !a.StartsWith('-'));
            if (first is null)
                return args.Length == 0 || !parse.UnmatchedTokens.Any()
                    ? [$"error: no command given (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}); {help}"]
                    : [$"error: {Unknown(parse.UnmatchedTokens[0], root)}; {help}"];
            var suggestion = first == "help" ? " (did you mean 'tuner --help'?)" : Closest(first, root.Subcommands.Select(c => c.Name));
            return [$"error: unknown command '{first}'{suggestion}; {help}"];
        }
        // An unknown token makes the parser report the options it then missed too: the first line says what matters.
        var errors = parse.Errors.Where(e => Unrecognized().IsMatch(e.Message)).Take(1).ToList() is { Count: 1 } unknown ? unknown : parse.Errors;
        var lines = errors.Select(e => Rewrite(e.Message, parse, command)).Distinct().ToList();
        lines[^1] += $"; {help}";
        return lines.Select(l => "error: " + l).ToList();
    }

    /// <summary>
    /// A command's error as users read it: "error: " in front unless the message has it or starts with a
    /// file:line:col position (compiler style, for TVMScript errors).
    /// </summary>
    public static string Labelled(string message) =>
        message.StartsWith("error:", StringComparison.Ordinal) || message.Contains(": error:", StringComparison.Ordinal) || Position().IsMatch(message)
            ? message : "error: " + message;

    private static string Rewrite(string raw, ParseResult parse, Command command)
    {
        var message = Whitespace().Replace(raw, " ");
        var m = CannotParse().Match(message);
        if (m.Success) return $"{m.Groups["name"].Value}: '{m.Groups["value"].Value}' is not {TypeWords(m.Groups["type"].Value)}";
        m = Unrecognized().Match(message);
        if (m.Success) return Unknown(m.Groups["token"].Value, command);
        m = MissingOptionValue().Match(message);
        if (m.Success) return $"{m.Groups["name"].Value} needs a value";
        m = MissingArgument().Match(message);
        if (m.Success)
        {
            var names = command.Arguments.Where(a => parse.GetResult(a) is not ArgumentResult { Tokens.Count: > 0 }).Select(a => a.Name).ToList();
            return names.Count > 0 ? $"{command.Name}: {string.Join(" and ", names)} is missing" : message.TrimEnd('.');
        }
        return message.TrimEnd('.');
    }

    private static string Unknown(string token, Command command) => token.StartsWith('-')
        ? $"unknown option '{token}'{(command.Parents.Any() ? $" for '{command.Name}'" : "")}{Closest(token, command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)))}"
        : $"unexpected argument '{token}'";

    private static string TypeWords(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "a whole number",
        "System.Double" or "System.Single" or "System.Nullable`1[System.Double]" => "a number",
        "System.Boolean" => "true or false",
        _ => "a valid value",
    };

    /// <summary>" (did you mean 'x'?)" for the candidate within a third of the typed length in edits, else "".</summary>
    internal static string Closest(string typed, IEnumerable<string> candidates)
    {
        var best = candidates.Where(c => !c.StartsWith("-?") && c != "-h" && c != "/?")
            .Select(c => (Name: c, Distance: Distance(typed, c))).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, typed.Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    /// <summary>Edit distance with adjacent transpositions (Damerau–Levenshtein, restricted).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|command|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required argument missing for option: '(?<name>[^']*)'")]
    private static partial Regex MissingOptionValue();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[^\s:]+:\d+:\d+: ")]
    private static partial Regex Position();

    [GeneratedRegex(@"^Required argument missing for command")]
    private static partial Regex MissingArgument();
}
