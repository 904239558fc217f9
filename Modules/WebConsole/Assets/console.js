// The console's one script: "Copier" puts a key's secret on the clipboard (the page works without it: the secret
// is in a read-only field a person can select).
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand('copy');
  }
  const done = document.querySelector(`[data-copied-for="${button.dataset.copy}"]`);
  if (done) done.hidden = false;
});
