-- End-to-end: Neovim's built-in LSP client (0.7.2 in Debian bookworm, and
-- later) starts `newslint lsp` on a story, reads the diagnostics, applies a
-- quick fix, adds a name to the newsroom dictionary and asks for a hover.
--
-- Run by tests/lsp_nvim.rs as
--   nvim --headless -u NONE -i NONE -n -c "luafile tests/e2e/nvim-lsp.lua"
-- with NEWSLINT_BIN, NEWSLINT_STORY and NEWSLINT_OUT set. Writes a readable
-- log of the session to NEWSLINT_OUT, ending in PASS or FAIL, then quits.

local bin = os.getenv('NEWSLINT_BIN')
local story = os.getenv('NEWSLINT_STORY')
local out_path = os.getenv('NEWSLINT_OUT')
local lines_out = {}

local function say(...)
  local parts = {}
  for _, v in ipairs({ ... }) do
    parts[#parts + 1] = type(v) == 'string' and v or vim.inspect(v)
  end
  lines_out[#lines_out + 1] = table.concat(parts, ' ')
end

local function check(cond, what)
  if not cond then
    error('check failed: ' .. what, 2)
  end
  say('ok   ' .. what)
end

local function finish(ok, err)
  if not ok then
    say('FAIL ' .. tostring(err))
  else
    say('PASS')
  end
  local f = io.open(out_path, 'w')
  f:write(table.concat(lines_out, '\n') .. '\n')
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function diagnostics(bufnr)
  local ds = vim.diagnostic.get(bufnr)
  table.sort(ds, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return ds
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function find_diag(bufnr, code)
  for _, d in ipairs(diagnostics(bufnr)) do
    if code_of(d) == code then
      return d
    end
  end
end

-- What `vim.lsp.buf.code_action()` sends with the cursor on `d`: the
-- cursor's range and the line's diagnostics (Neovim 0.7 gives their
-- ranges in bytes; the server goes by their `data`).
local function code_actions(bufnr, d)
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local params = vim.lsp.util.make_range_params()
  local line_diags
  if vim.lsp.diagnostic.get_line_diagnostics then
    line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum)
  else
    line_diags = {}
  end
  params.context = { diagnostics = line_diags }
  for _, ld in ipairs(line_diags) do
    say('context diagnostic', ld.code, 'range', ld.range, 'data', ld.data)
  end
  local results = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local actions = {}
  for _, r in pairs(results or {}) do
    for _, a in ipairs(r.result or {}) do
      actions[#actions + 1] = a
    end
  end
  return actions, params
end

local function main()
  local keep_log = os.getenv('NEWSLINT_LSP_LOG')
  vim.lsp.set_log_level((keep_log and keep_log ~= '') and 'debug' or 'warn')
  local dir = vim.fn.fnamemodify(story, ':h')
  vim.cmd('edit ' .. vim.fn.fnameescape(story))
  local bufnr = vim.api.nvim_get_current_buf()
  say('nvim', tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch)
  say('story', vim.api.nvim_buf_get_lines(bufnr, 0, -1, false))

  local client_id = vim.lsp.start_client({
    name = 'newslint',
    cmd = { bin, 'lsp' },
    root_dir = dir,
    init_options = { dialect = 'en-US' },
  })
  check(client_id ~= nil, 'client started')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics arrive for the unsaved buffer.
  check(vim.wait(20000, function()
    return find_diag(bufnr, 'spelling.unknown-word') ~= nil
  end, 20), 'diagnostics published')
  for _, d in ipairs(diagnostics(bufnr)) do
    say('diag', string.format('%d:%d-%d:%d', d.lnum + 1, d.col, d.end_lnum + 1, d.end_col),
      code_of(d), d.severity, d.message)
  end
  local d = find_diag(bufnr, 'spelling.unknown-word')
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  local byte = line:find('troups', 1, true) - 1
  -- Neovim stores byte columns: the server's UTF-16 column (after curly
  -- quotes, accents and an emoji) must land exactly on the word.
  check(d.col == byte and d.end_col == byte + #'troups', 'diagnostic covers `troups` (byte column ' .. byte .. ')')
  local lsp = d.user_data and d.user_data.lsp or d
  check(lsp.codeDescription ~= nil and lsp.codeDescription.href:find('#spellingunknown%-word') ~= nil, 'codeDescription links to the rule')

  -- 2. Hover shows the rule's doc.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 2 })
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
  local hover_text = ''
  for _, r in pairs(hover or {}) do
    if r.result then
      hover_text = r.result.contents.value
    end
  end
  check(hover_text:find('spelling.unknown-word', 1, true) ~= nil, 'hover shows the rule doc')

  -- 3. The quick fix, applied the way Neovim applies a chosen action.
  local actions, params = code_actions(bufnr, d)
  say('codeAction request range', params.range)
  for _, a in ipairs(actions) do
    say('action', a.title)
  end
  local fix
  for _, a in ipairs(actions) do
    if a.title == 'Replace `troups` with `troops`' then
      fix = a
    end
  end
  check(fix ~= nil, 'a replace action for `troups`')
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  local fixed = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
  say('line after fix', fixed)
  check(fixed:find('coalition troops left', 1, true) ~= nil, 'the fix replaced exactly the word')
  check(vim.wait(20000, function()
    return find_diag(bufnr, 'spelling.unknown-word') == nil
  end, 20), 'diagnostics updated after the edit (incremental sync)')

  -- 4. Add a name to the newsroom dictionary through the server's command.
  local name = find_diag(bufnr, 'names.unknown')
  check(name ~= nil, 'an unknown name is listed')
  local name_text = vim.api.nvim_buf_get_text(bufnr, name.lnum, name.col, name.end_lnum, name.end_col, {})[1]
  local add
  for _, a in ipairs((code_actions(bufnr, name))) do
    if a.command and a.command.command == 'newslint.addWord' then
      add = a
    end
  end
  check(add ~= nil, 'an add-to-dictionary action for `' .. name_text .. '`')
  say('action', add.title)
  local res = client.request_sync('workspace/executeCommand', add.command, 10000, bufnr)
  check(res ~= nil and res.err == nil, 'workspace/executeCommand succeeded')
  local words = io.open(dir .. '/newslint-words.txt'):read('*a')
  say('newslint-words.txt', words)
  check(words:find(name_text, 1, true) ~= nil, 'the word file holds the name')
  check(vim.wait(20000, function()
    for _, x in ipairs(diagnostics(bufnr)) do
      if code_of(x) == 'names.unknown' and x.lnum == name.lnum and x.col == name.col then
        return false
      end
    end
    return true
  end, 20), 'the name is no longer flagged')

  for _, x in ipairs(diagnostics(bufnr)) do
    say('diag after', string.format('%d:%d', x.lnum + 1, x.col), code_of(x), x.message)
  end

  -- 5. Shutdown and exit.
  vim.lsp.stop_client(client_id)
  check(vim.wait(10000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20), 'the server shut down')
end

local ok, err = xpcall(main, debug.traceback)
finish(ok, err)
