export { WhatIfPreview } from './WhatIfPreview';
