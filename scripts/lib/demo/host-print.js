'use strict';

const { crc32, deflateSync } = require('node:zlib');
const { ApiError } = require('../api-client');
const { info } = require('../output');
const { retryWhile } = require('./api-helpers');

/**
 * What the documents print besides the figures (issue 15, audit items 5 and 6): the host
 * structure's consumer mediator (quotes and invoices to individuals), its logo (the header of every
 * quote, invoice and credit note) and each site's address ("Établissement émetteur"). A region
 * loaded before gets them once; a rerun finds them and writes nothing.
 */

const MEDIATOR = {
  mediatorName: 'Médiation Conso Nord (démo)',
  mediatorContact: 'www.mediation-conso-nord.example, 10 place du Général de Gaulle, 59000 Lille',
};

/** The sites' addresses, by code (sent when a site is created, or once to a site loaded without one). */
const SITE_ADDRESSES = {
  LACAPE: { addressLine: '64 rue de l’Épeule', postalCode: '59100' },
  MOULINS: { addressLine: '45 rue d’Arras', postalCode: '59000' },
  BAILLEUL: { addressLine: '2 Grand’Place', postalCode: '59270' },
};

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * The demo CAE's logo: a 240 × 96 PNG drawn here (no image file in the repository), an orange
 * square on a deep blue band with a light stripe. The same bytes on every run.
 */
function demoLogo() {
  const width = 240;
  const height = 96;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = [0]; // filter: none
    for (let x = 0; x < width; x++) {
      const inSquare = x >= 12 && x < 84 && y >= 12 && y < 84;
      const stripe = y >= 60 && y < 68 && x >= 96;
      const rgb = inSquare ? [232, 119, 34] : stripe ? [190, 215, 240] : [29, 78, 137];
      row.push(...rgb);
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** The mediator and the logo of the demo CAE, once each. */
async function ensureHostPrint(api, hostStructureId) {
  const host = await api.call('GET', `/host-structures/${hostStructureId}`, undefined, [200]);
  if (!host.mediatorName) {
    await api.call('PATCH', `/host-structures/${hostStructureId}`, MEDIATOR, [200]);
    info('host structure: consumer mediator set');
  }
  // The logo lives in commerce, which learns of a new host structure a moment after membership.
  const path = `/host-structures/${hostStructureId}/logo`;
  const present = await retryWhile(['HOST_STRUCTURE_NOT_FOUND'], async () => {
    const response = await api.request('GET', path);
    if (response.status === 200) return true;
    if (response.body?.code === 'LOGO_NOT_FOUND') return false;
    throw new ApiError('GET', path, response.status, response.body);
  });
  if (!present) {
    await api.putFile(path, demoLogo(), 'image/png', [200]);
    info('host structure: logo uploaded');
  }
}

/** A site created before the demo gave sites an address gets it, once. */
async function ensureSiteAddress(api, siteId, code) {
  const address = SITE_ADDRESSES[code];
  if (!address) return;
  const site = await api.call('GET', `/sites/${siteId}`, undefined, [200]);
  if (site.addressLine) return;
  await api.call('PATCH', `/sites/${siteId}`, address, [200]);
}

module.exports = { ensureHostPrint, ensureSiteAddress, SITE_ADDRESSES, demoLogo };
