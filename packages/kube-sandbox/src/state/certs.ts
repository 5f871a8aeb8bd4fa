import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** A PEM certificate and its private key. @public */
export interface KeyPair {
  cert: string;
  key: string;
}

const YEAR = 365 * 24 * 3600 * 1000;

// Keys and signatures are native (node:crypto, fast); node-forge only builds the certificates.
function rsaKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    pem,
    forgeKey: forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey,
  };
}

function certificate(
  subject: string,
  years: number,
  extensions: object[],
  publicKey: forge.pki.PublicKey,
) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + years * YEAR);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setExtensions(extensions);
  return cert;
}

/** Signs a certificate with SHA-256/RSA as forge's `cert.sign` would, computing the signature natively. */
function signCertificate(cert: forge.pki.Certificate, keyPem: string) {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  // getTBSCertificate exists in node-forge but is missing from its type definitions.
  const pki = forge.pki as typeof forge.pki & {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  cert.tbsCertificate = pki.getTBSCertificate(cert);
  const der = Buffer.from(
    forge.asn1.toDer(cert.tbsCertificate).getBytes(),
    'binary',
  );
  cert.signature = sign('sha256', der, keyPem).toString('binary');
}

/**
 * The state folder's CA: generated on first start (`ca.crt`, `ca.key`) and reused after, so
 * configuration that trusts it keeps working across restarts.
 * @public
 */
export function loadOrCreateCa(stateDir: string): KeyPair {
  const certFile = join(stateDir, 'ca.crt');
  const keyFile = join(stateDir, 'ca.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return {
      cert: readFileSync(certFile, 'utf8'),
      key: readFileSync(keyFile, 'utf8'),
    };
  }
  mkdirSync(stateDir, { recursive: true });
  const { pem, forgeKey } = rsaKey();
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const cert = certificate(
    'kube-sandbox-ca',
    10,
    [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
      { name: 'subjectKeyIdentifier' },
    ],
    publicKey,
  );
  cert.setIssuer(cert.subject.attributes);
  signCertificate(cert, pem);
  const pair = { cert: forge.pki.certificateToPem(cert), key: pem };
  writeFileSync(keyFile, pair.key, { mode: 0o600 });
  writeFileSync(certFile, pair.cert);
  return pair;
}

/** A serving certificate for localhost, 127.0.0.1 and ::1, signed by the CA. @public */
export function issueServingCert(ca: KeyPair): KeyPair {
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const { pem, forgeKey } = rsaKey();
  const cert = certificate(
    'kube-apiserver',
    1,
    [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes.default.svc' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
    forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e),
  );
  cert.setIssuer(caCert.subject.attributes);
  signCertificate(cert, ca.key);
  return { cert: forge.pki.certificateToPem(cert), key: pem };
}
