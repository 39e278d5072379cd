import { currentUser, hasRole } from '../../auth/session.js';

/** Who may draft batches (their department's matters), and who publishes them (the central catalog administrators). */
export const mayEditCatalog = () => hasRole('catalog-admin', 'designer');
/**
 * The central catalog administrators: the server's MATTERFLOW_CATALOG_AUTHORITY department
 * (政数局 by default) or a system administrator, as GET /me says. The server decides; this only hides
 * the buttons it would refuse.
 */
export const isCatalogAuthority = () => currentUser()?.catalogAuthority === true;
export const mayPublishCatalog = isCatalogAuthority;
