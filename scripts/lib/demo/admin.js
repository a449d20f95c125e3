'use strict';

const { info } = require('../output');

/**
 * network admin: a second host structure, so the admin's "Structures hébergeuses" screen
 * (/administration/structures) lists two and the network report can be asked for either. A
 * business incubator under the VAT franchise (no VAT number: "TVA non applicable, art. 293 B du
 * CGI" on its documents), hosting no site yet — a site's host is chosen when it is created and
 * never changes, and the demo's sites are the Grand Nord CAE's. Found again by its SIRET.
 */

// SIRET 48302542500016: Luhn-valid (the membership service checks it), a demo value.
const INCUBATOR = {
  kind: 'business_incubator',
  legalName: 'Couveuse Les Pousses',
  legalForm: 'SCIC SAS à capital variable',
  siret: '48302542500016',
  addressLine: '8 quai Duperré',
  postalCode: '17000',
  city: 'La Rochelle',
};

async function ensureSecondHostStructure(api) {
  const existing = (await api.listAll('/host-structures?limit=100')).find((item) => item.siret === INCUBATOR.siret);
  if (existing) return existing.id;
  const created = await api.call('POST', '/host-structures', INCUBATOR, [201]);
  info(`host structure created: ${INCUBATOR.legalName}`);
  return created.id;
}

module.exports = { ensureSecondHostStructure };
