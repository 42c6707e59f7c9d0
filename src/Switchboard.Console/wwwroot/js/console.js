// Helpers the console's .NET code calls through JS interop; loaded as a module, so the CSP needs no inline script.

// Saves bytes the console fetched with the signed-in key (a plain link could not send the key) as a download.
export async function saveFile(name, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}
