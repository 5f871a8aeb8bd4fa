import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default: on two cores with every package's suites running
// side by side, a lazily loaded entity page can take longer to render (a fresh-clone npm test
// failed that way once). A wait bound, not an assertion on speed: the tests still wait only
// until the element is there.
configure({ asyncUtilTimeout: 15_000 });
