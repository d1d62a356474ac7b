export { WhatIfPicture } from './WhatIfPicture';
