import base from '/work/main/playwright.config.ts';
export default { ...base, testDir: '/work/main/tests/e2e', use: { ...base.use, baseURL: 'http://localhost:5198' }, webServer: undefined };
