import { ConfigReader } from '@backstage/config';
import {
  readCatalogLocatorOptions,
  validateCatalogClusterUrl,
} from './catalogLocator';

describe('catalog-located clusters', () => {
  it('reads the catalog locator’s safety switches, off by default', () => {
    expect(readCatalogLocatorOptions(new ConfigReader({}))).toEqual({
      allowSkipTLSVerify: false,
      allowClusterUrls: [],
    });
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [] },
          {
            type: 'catalog',
            dangerouslyAllowSkipTLSVerify: true,
            dangerouslyAllowClusterUrls: ['*.internal.example.com'],
          },
        ],
      },
    });
    expect(readCatalogLocatorOptions(config)).toEqual({
      allowSkipTLSVerify: true,
      allowClusterUrls: ['*.internal.example.com'],
    });
  });

  it.each([
    ['http://8.8.8.8:6443', /must use HTTPS/],
    ['https://127.0.0.1:6443', /not a public address/],
    ['https://10.0.0.5:6443', /not a public address/],
    ['https://[::1]:6443', /not a public address/],
    ['https://169.254.169.254', /not a public address/],
    ['https://user:secret@8.8.8.8', /must not contain credentials/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', async (url, message) => {
    await expect(
      validateCatalogClusterUrl(url, { allowClusterUrls: [] }),
    ).rejects.toThrow(message);
  });

  it('accepts HTTPS to a public address, and exempt hosts', async () => {
    await expect(
      validateCatalogClusterUrl('https://8.8.8.8:6443', {
        allowClusterUrls: [],
      }),
    ).resolves.toBeUndefined();
    await expect(
      validateCatalogClusterUrl('http://127.0.0.1:8001', {
        allowClusterUrls: ['127.0.0.1'],
      }),
    ).resolves.toBeUndefined();
  });
});
