# subprocess over _posixsubprocess.fork_exec: pipes, return codes, errors.
import subprocess

r = subprocess.run(["echo", "hello world"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
print(subprocess.run(["sh", "-c", "exit 3"]).returncode)
print(subprocess.check_output(["sh", "-c", "echo out; echo err >&2"], stderr=subprocess.STDOUT))
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"via stdin\n" * 3)
print(p.returncode, out, err)
p = subprocess.Popen(["sh", "-c", "cat; echo done >&2"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b"x" * 100000)
print(p.returncode, len(out), err)
try:
    subprocess.check_call(["sh", "-c", "exit 2"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename, e)
r = subprocess.run("echo $((6*7))", shell=True, capture_output=True, text=True)
print(repr(r.stdout))
print(subprocess.run(["pwd"], cwd="/", capture_output=True, text=True).stdout.strip())
try:
    subprocess.run(["pwd"], cwd="/nonexistent-dir")
except FileNotFoundError as e:
    print("cwd", e.errno, e.filename)
print(subprocess.run(["sh", "-c", "echo $FOO"], env={"FOO": "bar"}, capture_output=True).stdout)
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd)
p = subprocess.Popen(["sh", "-c", "kill -TERM $$"])
print(p.wait())
print(subprocess.getoutput("echo hi"), subprocess.getstatusoutput("exit 5"))
r = subprocess.run(["sh", "-c", "echo $0"], capture_output=True, text=True, input="")
print(r.stdout.strip())
with subprocess.Popen(["sh", "-c", "echo a; echo b"], stdout=subprocess.PIPE, text=True) as p:
    print(p.stdout.read().split())
print(p.returncode)
import os
r, w = os.pipe()
p = subprocess.Popen(["sh", "-c", f"echo passed >&{w}"], pass_fds=[w])
p.wait()
os.close(w)
print(os.read(r, 100))
os.close(r)
