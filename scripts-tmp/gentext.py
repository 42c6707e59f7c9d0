import sys, json
def gen(ns, name, desc, items, path):
    out=[f"using Switchboard.Console.Localization;\n\nnamespace {ns};\n\n/// <summary>{desc}</summary>\npublic sealed record {name}\n{{\n"]
    out.append(f"    /// <summary>Gets the strings in English.</summary>\n    public static {name} English {{ get; }} = new()\n    {{\n")
    for k,en,zh in items: out.append(f"        {k} = {json.dumps(en, ensure_ascii=False)},\n")
    out.append("    };\n\n")
    out.append(f"    /// <summary>Gets the strings in Simplified Chinese.</summary>\n    public static {name} Chinese {{ get; }} = new()\n    {{\n")
    for k,en,zh in items: out.append(f"        {k} = {json.dumps(zh, ensure_ascii=False)},\n")
    out.append("    };\n\n")
    for k,en,zh in items:
        e=en.replace('&','&amp;').replace('<','&lt;').replace('>','&gt;')
        out.append(f"    /// <summary>Gets the text \"{e}\".</summary>\n    public required string {k} {{ get; init; }}\n\n")
    out.append(f"    /// <summary>Returns the strings of the language the shared <see cref=\"UiText\"/> is in.</summary>\n    public static {name} For(UiText text) => ReferenceEquals(text, ChineseText.Value) ? Chinese : English;\n}}\n")
    open(path,'w').write(''.join(out))
