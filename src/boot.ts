/**
 * The page's first script (index.html loads it before the app's entry): small and free of the
 * app's libraries, it runs while they still download. It sends the start-up data set's request
 * (on a page without a link: a link names its own data) and starts the grid workers the first
 * landscape is computed on (compute/startWorkers), so neither waits for the app's script.
 */
import { startGridWorkers } from './compute/startWorkers';
import { sendEarly } from './app/bootData';
import { STARTUP_PRESET } from './core/startupPreset';

if (location.hash.length <= 1) sendEarly(new URL(STARTUP_PRESET.file, document.baseURI).href);
startGridWorkers();
