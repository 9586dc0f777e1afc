/**
 * The server reads an upload from a temporary folder, and a parser's message may name that path
 * ("/tmp/pb-upload-x1/report.csv: line 3 ..."). Users only need the file's name; the folder says
 * something about the server and nothing about their file. Windows paths are handled too.
 */
export function hideServerPaths(text: string): string {
  return text
    .replace(/(?:[A-Za-z]:)?(?:[\\/][^\\/\s:'"`]+)+[\\/]([^\\/\s:'"`]+)/g, (match: string, name: string, offset: number, whole: string) => {
      // Keep URLs ("https://host/path") as they are: only file-system paths are hidden.
      const before = whole.slice(Math.max(0, offset - 3), offset);
      return before.endsWith(':/') || before.endsWith('//') || /^\/\//.test(match) ? match : name;
    })
    // Runs name an upload `upload:<file name>`; the user knows it as the file name.
    .replace(/(^|[\s(])upload:(?=\S)/g, '$1');
}
