// Waits until a URL answers 2xx (at most WAIT_FOR_URL_SECONDS, default 120), then exits 0.
const [url] = process.argv.slice(2);
const deadline =
  Date.now() + Number(process.env.WAIT_FOR_URL_SECONDS || 120) * 1000;

for (;;) {
  try {
    const res = await fetch(url);
    if (res.ok) process.exit(0);
  } catch {
    // Not listening yet.
  }
  if (Date.now() > deadline) {
    console.error(`Gave up waiting for ${url}`);
    process.exit(1);
  }
  await new Promise(resolve => setTimeout(resolve, 500));
}
