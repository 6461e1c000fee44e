-- Headless Neovim 0.7 (Debian) as a second LSP client of the standalone server (`dist/server.js --stdio`):
-- diagnostics on the seed fixture, then a quick fix applied and written to disk.
-- Run by test/lsp-nvim/run.sh: nvim --headless --clean -c "luafile smoke.lua" SEED ANNOTATED
-- (0.7 has vim.lsp.start_client/buf_attach_client; no vim.lsp.start, no `nvim -l`.)
local server = assert(vim.env.ISTIO_LENS_SERVER, 'ISTIO_LENS_SERVER not set')
local node = vim.env.NODE or 'node'
local seed_path, annotated_path = vim.fn.argv(0), vim.fn.argv(1)
local passed, failed = 0, 0

local function check(ok, name, detail)
  if ok then passed = passed + 1 else failed = failed + 1 end
  io.stdout:write(string.format('%s nvim: %s%s\n', ok and '✔' or '✖', name, detail and (' (' .. detail .. ')') or ''))
end
local function finish()
  io.stdout:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit!')
end
local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local function find_diag(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do if code_of(d) == code then return d end end
end

local client_id = vim.lsp.start_client({
  name = 'istio-lens',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(seed_path, ':p:h'),
})
if not client_id then check(false, 'server starts'); return finish() end

-- 1. Diagnostics on the seed: the unknown kind on line 2.
vim.cmd('edit ' .. vim.fn.fnameescape(seed_path))
local seed = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(seed, client_id)
vim.wait(20000, function() return find_diag(seed, 'unknown-kind') ~= nil end, 50)
local kind = find_diag(seed, 'unknown-kind')
check(kind ~= nil and kind.lnum == 1 and kind.message:find('IstioProxy', 1, true) ~= nil,
  'unknown kind IstioProxy reported on line 2', kind and string.format('line %d: %s', kind.lnum + 1, kind.message:sub(1, 60)))
check(find_diag(seed, 'duplicate-key') ~= nil, 'duplicate keys reported', string.format('%d diagnostics', #vim.diagnostic.get(seed)))

-- 2. A quick fix: quote the boolean annotation, write, and see the diagnostic go.
vim.cmd('edit ' .. vim.fn.fnameescape(annotated_path))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
vim.wait(20000, function() return find_diag(buf, 'non-string-metadata') ~= nil end, 50)
local d = find_diag(buf, 'non-string-metadata')
if not d then check(false, 'non-string annotation reported'); return finish() end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(buf),
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
}
local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
local action
for _, r in pairs(res or {}) do
  for _, a in ipairs(r.result or {}) do if a.title:find('Quote', 1, true) then action = a end end
end
check(action ~= nil and action.edit ~= nil, 'quote quick fix offered', action and action.title)
if not action then return finish() end
vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
vim.cmd('silent write')
vim.wait(15000, function() return find_diag(buf, 'non-string-metadata') == nil end, 50)
local disk = table.concat(vim.fn.readfile(annotated_path), '\n')
check(disk:find('sidecar.istio.io/inject: "true"', 1, true) ~= nil and find_diag(buf, 'non-string-metadata') == nil,
  'fix written to disk and diagnostic cleared')
vim.lsp.stop_client(client_id)
finish()
