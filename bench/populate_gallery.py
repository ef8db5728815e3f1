#!/usr/bin/env python3
# Usage: /usr/bin/python3 bench/populate_gallery.py N DREAM_ID   (needs python3-boto3 and a running ./oneira up)
# Puts N copies of one finished dream's manifest (new time-ordered ids) into the local stack's
# object store over the S3 API, for measuring the gallery with thousands of dreams.
import json, random, sys, time, boto3
from botocore.config import Config
n = int(sys.argv[1]); src_id = sys.argv[2]
s3 = boto3.client('s3', endpoint_url='http://127.0.0.1:9000', aws_access_key_id='oneira',
                  aws_secret_access_key='oneira-secret', region_name='us-east-1',
                  config=Config(s3={'addressing_style': 'path'}))
src = json.loads(s3.get_object(Bucket='oneira', Key=f'manifests/{src_id}.json')['Body'].read())
t0 = int(time.time() * 1000) - n * 1000
start = time.time()
for i in range(n):
    ms = t0 + i * 1000
    r = random.getrandbits(74)
    v = (ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62) | (r & ((1 << 62) - 1))
    h = f'{v:032x}'
    did = f'{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}'
    m = dict(src, id=did, createdAt=time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ms / 1000)) + '.000Z')
    s3.put_object(Bucket='oneira', Key=f'manifests/{did}.json', Body=json.dumps(m).encode(), ContentType='application/json')
print(f'{n} manifests in {time.time() - start:.1f} s')
