// Finds a Firefox for the Firefox end-to-end run. Never downloads a browser: FIREFOX_PATH, else Debian's
// `firefox-esr` package (installed with apt when missing and running as root), as for Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function findFirefox({ install = true, log = console.error } = {}) {
  if (process.env.FIREFOX_PATH) {
    if (existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
    throw new Error(`FIREFOX_PATH is set to ${process.env.FIREFOX_PATH}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (install && isRoot && hasApt) {
    log('KPI Lens: Firefox is missing; installing Debian\'s "firefox-esr" package with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env });
    if (existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  }
  throw new Error(
    'KPI Lens needs Firefox for its Firefox end-to-end run and none was found. Install it ' +
      '(Debian/Ubuntu: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH to a Firefox binary.',
  );
}

/**
 * Preferences for a Firefox profile that a test drives with the built add-on (the counterpart of `chromiumArgs`):
 * - every connection goes through a local proxy at `proxyPort`, which the test watches and refuses, so nothing
 *   reaches the network and any attempt (the add-on's background page included) is seen;
 * - Firefox's own background traffic is switched off (remote settings, captive portal and connectivity checks,
 *   site icons, telemetry), so what the proxy sees is the add-on's;
 * - downloads go to `downloadDir` without asking, as a user who set a download folder sees them;
 * - `extensionUuids` ({ addonId: uuid }) fixes each add-on's moz-extension:// host, which Firefox otherwise picks
 *   at random per profile.
 *
 * @param {{ proxyPort: number, downloadDir: string, extensionUuids?: Record<string, string> }} options
 */
export function firefoxPrefs({ proxyPort, downloadDir, extensionUuids = {} }) {
  return {
    'network.proxy.type': 1,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.socks_remote_dns': true,
    'network.proxy.no_proxies_on': '',
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Honoured because firefoxEnv() sets MOZ_DISABLE_NONLOCAL_CONNECTIONS; a `data:` server means "no remote settings".
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'browser.chrome.site_icons': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'dom.push.connection.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'app.normandy.enabled': false,
    'network.trr.mode': 5,
    'security.OCSP.enabled': 0,
    'browser.download.folderList': 2,
    'browser.download.dir': downloadDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'intl.locale.requested': 'en-US',
    'intl.accept_languages': 'en-US, en',
    'extensions.webextensions.uuids': JSON.stringify(extensionUuids),
  };
}

/**
 * The environment Firefox runs in for a test: Firefox's own test switch that refuses any non-local connection
 * (so a request that somehow skipped the proxy fails instead of leaving) and lets the profile point remote
 * settings away from Mozilla's servers.
 */
export function firefoxEnv(env = process.env) {
  return { ...env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' };
}
