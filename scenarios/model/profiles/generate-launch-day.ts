// Prints launch-day-data.ts (the stored per-minute launch-day curve) from the fit in launch-day-fit.ts:
//   npx tsx scenarios/model/profiles/generate-launch-day.ts > scenarios/model/profiles/launch-day-data.ts
// console.log only (no Node APIs), like everything in scenarios/model/.
import { fitLaunchDayCounts, renderLaunchDayData } from './launch-day-fit.js';

console.log(renderLaunchDayData(fitLaunchDayCounts()).trimEnd());
