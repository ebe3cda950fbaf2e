import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A throwaway certificate authority and a localhost server certificate it signed, made with the openssl CLI
 * (present on the dev machines and in CI), so the OpenID provider of the browser tests runs over real https
 * and the app trusts it the way it would trust Microsoft: through a CA, here given with NODE_EXTRA_CA_CERTS,
 * never by turning certificate checks off (NODE_TLS_REJECT_UNAUTHORIZED).
 * EC P-256 keys: a few milliseconds each, where RSA takes longer.
 */
export type CertificateAuthority = {
  /** The CA certificate (PEM file): what the app process gets as NODE_EXTRA_CA_CERTS. */
  caCertFile: string;
  serverKeyPem: string;
  serverCertPem: string;
  /**
   * base64 SHA-256 of the server key's SubjectPublicKeyInfo: Chromium launched with
   * `--ignore-certificate-errors-spki-list=<this>` accepts this one certificate and no other bad one
   * (narrower than a context's ignoreHTTPSErrors).
   */
  serverSpkiSha256: string;
};

function openssl(args: string[], cwd: string) {
  const run = spawnSync('/usr/bin/openssl', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr || run.error?.message}`);
}

export function makeCertificateAuthority(dir: string): CertificateAuthority {
  fs.mkdirSync(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  // A week: far longer than any test run, and nothing in the tests reads the dates.
  openssl(
    ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '7', '-subj', '/CN=Coder Pathway test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  // Node (and Chromium) match the host against subjectAltName only, never the CN; serverAuth for Chromium.
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', ''].join('\n'),
  );
  const serial = `0x${createHash('sha256').update(`${dir}${process.hrtime.bigint()}`).digest('hex').slice(0, 16)}`;
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '7',
      '-extfile', 'server.ext', '-out', 'server.crt'],
    dir,
  );
  const serverKeyPem = fs.readFileSync(path.join(dir, 'server.key'), 'utf8');
  const spki = createPublicKey(serverKeyPem).export({ type: 'spki', format: 'der' });
  return {
    caCertFile: path.join(dir, 'ca.crt'),
    serverKeyPem,
    serverCertPem: fs.readFileSync(path.join(dir, 'server.crt'), 'utf8'),
    serverSpkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}
