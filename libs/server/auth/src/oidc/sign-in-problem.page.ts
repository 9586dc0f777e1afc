const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page a browser lands on when an SSO sign-in ends without a session. It is served by the API (the
 * browser arrives here from the provider, not from the web app), so it stands alone: no script, no assets.
 */
export function signInProblemPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in failed · Postureboard</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}a{color:#1d4ed8}</style>
</head>
<body>
<h1>Sign-in failed</h1>
<p role="alert">${escapeHtml(message)}</p>
<p><a href="/sign-in">Back to sign-in</a></p>
</body>
</html>
`;
}
