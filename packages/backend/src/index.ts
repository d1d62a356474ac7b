/*
 * Development backend hosting the Kratix plugins next to the Backstage core
 * plugins they integrate with. Run it with `npm run dev` from the repository
 * root (app on :3000, backend on :7007).
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleKratixPolicy } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local development
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@kratix-backstage/plugin-catalog-backend-module-kratix'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@kratix-backstage/plugin-scaffolder-backend-module-kratix'),
);

// permissions, with the Kratix policy (not allow-all)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleKratixPolicy);

// kratix
backend.add(import('@kratix-backstage/plugin-kratix-backend'));

backend.start();
