/**
 * The command a Codex shell call ran, as the user would type it. Codex wraps
 * commands in a login shell (`["bash", "-lc", "<script>"]`, `["/bin/zsh", "-lc", …]`,
 * `["powershell.exe", "-Command", …]`); the wrapper is dropped and the script kept.
 */
const SHELLS = /^(?:.*[\\/])?(?:bash|zsh|sh|dash|fish|ksh)(?:\.exe)?$/i;
const SHELL_SCRIPT_FLAGS = /^-(?:l?c|cl|lic|ilc|ic|ci)$/;
const POWERSHELL = /^(?:.*[\\/])?(?:powershell|pwsh)(?:\.exe)?$/i;

export function shellCommandText(argv: readonly string[]): string {
  if (argv.length >= 3 && SHELLS.test(argv[0]) && SHELL_SCRIPT_FLAGS.test(argv[1])) return argv.slice(2).join(' ');
  if (argv.length >= 3 && POWERSHELL.test(argv[0])) {
    const at = argv.findIndex((arg) => /^-c(?:ommand)?$/i.test(arg));
    if (at > 0 && at < argv.length - 1) return argv.slice(at + 1).join(' ');
  }
  return argv.map(quoteArg).join(' ');
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
