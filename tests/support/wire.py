"""Running the importer as an operator would, for the wire's tests."""

import io

from django.core.management import CommandError, call_command


def run_import(*sources, **options):
    """Run `import_stories`; return (stdout, stderr, exit code). The command's closing
    error ("N of M failed") is added to stderr, where a terminal shows it."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_stories", *map(str, sources), stdout=out, stderr=err, **options)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return out.getvalue(), err.getvalue(), code
