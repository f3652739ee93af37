#!/usr/bin/env bash
# Installs what the tests and `npm start` need beyond npm dependencies, once:
#   - Debian packages: chromium (the browser that drives VS Code's server build),
#     ripgrep (stands in for the binary @vscode/ripgrep would download), libkrb5-dev
#     (the native `kerberos` module of VS Code's server build), and two small fonts.
#   - VS Code's server build (code-server 4.100.3 = VS Code 1.100.3) into a git-ignored
#     cache folder, following ../shared/notes/vscode-test-host.md.
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
cache="${WEBHOOK_DELIVERIES_TEST_CACHE:-$root/.vscode-test}"
dest="$cache/code-server-$CODE_SERVER_VERSION"
marker="$dest/.installed"

log() { printf '[setup-test-host] %s\n' "$*"; }

need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need_pkgs+=(libkrb5-dev)
# Fonts for the sample data's emoji and CJK text in screenshots (small; cosmetic only).
[ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf >/dev/null 2>&1 || need_pkgs+=(fonts-noto-color-emoji)
[ -d /usr/share/fonts/truetype/wqy ] || need_pkgs+=(fonts-wqy-microhei)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    log "missing system packages: ${need_pkgs[*]}"
    log "install them first, for example: sudo apt-get install ${need_pkgs[*]}"
    exit 1
  fi
fi

if [ -f "$marker" ]; then
  log "VS Code server build already installed: $dest"
  exit 0
fi

start=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION into $dest (about 2 minutes, once)"
rm -rf "$dest"
mkdir -p "$dest"
cd "$dest"
printf '{"name":"webhook-deliveries-test-host","private":true}\n' > package.json
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION"

vscode="$dest/node_modules/code-server/lib/vscode"
cd "$vscode"
npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall would download rg from GitHub; it skips when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --loglevel=error
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server 2>/dev/null || ln -sf code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sf browser-linux.sh bin/helpers/browser.sh

cd "$vscode/extensions"
npm install --no-audit --no-fund --loglevel=error --omit=dev

cd "$dest"
npm rebuild --loglevel=error argon2

version="$(XDG_CONFIG_HOME="$cache/xdg" "$dest/node_modules/.bin/code-server" --version | grep -m1 "with Code")"
log "installed: $version ($(( $(date +%s) - start )) s)"
touch "$marker"
