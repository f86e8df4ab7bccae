import { describe, expect, it } from 'vitest';
import { platformForUrl } from '@/lib/platforms/registry';
import { readableSiteOf, siteOfInput } from '@/lib/ui/read-site';

const supported = (url: URL) => platformForUrl(url) !== null;

describe('the site "Read a table on this site" applies to', () => {
  it('is an https page no adapter reads, asked for by its origin', () => {
    expect(readableSiteOf('https://tracker.example.net:8443/reports?x=1#y', supported)).toEqual({
      origin: 'https://tracker.example.net:8443',
      pattern: 'https://tracker.example.net/*',
    });
    for (const url of [
      undefined,
      '',
      'not a url',
      'http://tracker.example.net/reports',
      'chrome://extensions/',
      'https://ads.google.com/aw/campaigns?ocid=1',
    ])
      expect(readableSiteOf(url, supported), url).toBeNull();
  });

  it('reads what the user typed as a site: with or without a scheme or path; never http or a bare word', () => {
    expect(siteOfInput(' tracker.example.net/reports ', supported)?.origin).toBe(
      'https://tracker.example.net',
    );
    expect(siteOfInput('https://Partners.Example.org', supported)?.pattern).toBe(
      'https://partners.example.org/*',
    );
    for (const input of [
      '',
      'http://tracker.example.net',
      'localhost',
      'ftp://x.example',
      'https://ads.google.com/aw/x',
    ])
      expect(siteOfInput(input, supported), input).toBeNull();
  });
});
